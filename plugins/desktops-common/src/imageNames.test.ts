import { imageTagProblem, repositoryNameProblem } from './imageNames';

describe('image names', () => {
  it.each([
    'cs101/linux-desktop',
    'personal-alice/my.env',
    'p/a__b',
    'course-0d9e1c/ubuntu-24.04',
  ])('accepts %s', name => {
    expect(repositoryNameProblem(name)).toBeUndefined();
  });

  it.each([
    ['../etc', 'has ".."'],
    ['cs101/../x', 'must be <project>/<name>'],
    ['cs101/..', 'has ".."'],
    ['CS101/Linux', 'has "CS101"'],
    ['cs101/linux/extra', 'must be <project>/<name>'],
    ['cs101/-x', 'has "-x"'],
    ['cs101/x.', 'has "x."'],
    ['cs101/', 'has ""'],
    ['127.0.0.1:5000/cs101', 'has "127.0.0.1:5000"'],
    [`cs101/${'a'.repeat(300)}`, 'longer than 255'],
  ])('refuses %s', (name, problem) => {
    expect(repositoryNameProblem(name)).toContain(problem);
  });

  it.each(['v1', 'latest', '2026-11-29', 'V2_final', 'a'.repeat(128)])(
    'accepts the tag %s',
    tag => expect(imageTagProblem(tag)).toBeUndefined(),
  );

  it.each(['', '.hidden', '-x', '../v1', 'v1/x', 'a'.repeat(129), 'v 1'])(
    'refuses the tag "%s"',
    tag => expect(imageTagProblem(tag)).toBeDefined(),
  );
});
