// The class of the class-start benchmark (bench/class-start.ts): its
// students, signed up through the API, and the admin, with their current
// tokens, and the admin's list of every desktop.
import { signedInAs } from './platform.ts';
import {
  post,
  pool,
  refreshed,
  signUp,
  timed,
  type Row,
  type Student,
} from './classApi.ts';
import { log } from './classCommon.ts';

export class ClassAccounts {
  /** The students' current tokens (set by `refresh()`). */
  students: string[] = [];
  /** The admin's current token. */
  admin: string;
  private readonly accounts: Student[];
  private adminAccount: Student;

  constructor(accounts: Student[], adminAccount: Student) {
    this.accounts = accounts;
    this.adminAccount = adminAccount;
    this.admin = adminAccount.token;
  }

  /**
   * Signs up `count` students (classstudent0001…, signed in instead if they
   * exist), eight at a time, then signs the admin in.
   */
  static async signUp(
    count: number,
    adminPassword: string,
  ): Promise<{ accounts: ClassAccounts; signUpSeconds: number }> {
    log(`signing up ${count} students`);
    const signUpStarted = performance.now();
    const accounts: Student[] = new Array(count);
    await pool(count, 8, async i => {
      accounts[i] = await signUp(
        `classstudent${String(i + 1).padStart(4, '0')}`,
      );
    });
    const signUpSeconds = (performance.now() - signUpStarted) / 1000;
    log(`signed up ${count} students in ${signUpSeconds.toFixed(1)} s`);
    const adminAccount = await signedInAs(
      await post('/api/auth/accounts/signin', {
        username: 'admin',
        password: adminPassword,
      }),
    );
    return {
      accounts: new ClassAccounts(accounts, adminAccount),
      signUpSeconds,
    };
  }

  /** Fresh tokens for every student and the admin. */
  async refresh() {
    await pool(this.accounts.length, 8, async i => {
      this.accounts[i] = await refreshed(this.accounts[i]);
    });
    this.students = this.accounts.map(a => a.token);
    this.adminAccount = await refreshed(this.adminAccount);
    this.admin = this.adminAccount.token;
  }

  async listAll(): Promise<{ rows: Row[]; ms: number }> {
    const res = await timed(this.admin, 'GET', '/desktops?scope=all');
    if (res.status !== 200)
      throw new Error(`listing all desktops: ${res.status} ${res.error}`);
    return { rows: res.json.items as Row[], ms: res.ms };
  }
}
