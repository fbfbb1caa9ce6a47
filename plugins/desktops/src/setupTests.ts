import '@testing-library/jest-dom';

// Simulated typing (user-event) in jsdom takes seconds on a loaded 2-core CI
// machine; jest's 5 s default made form tests fail for no product reason.
jest.setTimeout(30_000);
