import { homeRelativePath } from './DownloadDialog';
import { backoffSeconds, MAX_RECONNECT_ATTEMPTS } from './useRfbConnection';

describe('viewer helpers', () => {
  it('turns what people type into a path relative to the home folder', () => {
    expect(homeRelativePath('Documents/report.txt')).toBe(
      'Documents/report.txt',
    );
    expect(homeRelativePath(' ~/Documents/report.txt ')).toBe(
      'Documents/report.txt',
    );
    expect(homeRelativePath('/home/student/Uploads/a.png')).toBe(
      'Uploads/a.png',
    );
    expect(homeRelativePath('~')).toBe('');
  });

  it('backs off 1, 2, 4, 8 then 15 seconds between reconnects', () => {
    const delays = Array.from({ length: MAX_RECONNECT_ATTEMPTS }, (_, i) =>
      backoffSeconds(i + 1),
    );
    expect(delays).toEqual([1, 2, 4, 8, 15, 15, 15, 15]);
  });
});
