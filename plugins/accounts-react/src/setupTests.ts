import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// findBy*/waitFor give up after 1 s by default; on the 2-core CI machine
// under load a first render alone took longer, and tests failed for no
// product reason. Something that never appears still fails, 5 s later.
configure({ asyncUtilTimeout: 5000 });
