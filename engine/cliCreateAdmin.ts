import { generatePassword, type AccountService } from './services/accounts/AccountService.ts';

export const CREATE_ADMIN_USAGE = '用法:npm run cli -- create-admin --username <用户名> --region <6 位行政区划代码> [--display-name <姓名>](密码从标准输入读取;未提供则生成并只显示这一次)';

/**
 * `create-admin`: the first administrator of a production database, which has no demo accounts.
 * The password comes from stdin (never from the command line, where it would stay in the shell
 * history and the process list) or is generated and printed once.
 */
export async function createAdminCommand(accounts: Pick<AccountService, 'createAccount'>, args: string[], readStdin: () => Promise<string>, out: (line: string) => void): Promise<number> {
  const opt = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const username = opt('username');
  const region = opt('region');
  if (!username || !region) {
    out(CREATE_ADMIN_USAGE);
    return 2;
  }
  const fromStdin = (await readStdin()).replace(/\r?\n$/, '');
  const password = fromStdin || generatePassword();
  const actor = await accounts.createAccount({ username, password, displayName: opt('display-name') ?? '系统管理员', role: 'admin', regionCode: region });
  out(`已创建管理员 ${actor.username}(行政区划 ${actor.regionCode})`);
  if (!fromStdin) out(`初始密码(只显示这一次,请登录后立即修改):${password}`);
  return 0;
}

/** All of stdin when it is piped; nothing when it is a terminal (the password is then generated). */
export async function readPipedStdin(): Promise<string> {
  if (process.stdin.isTTY) return '';
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
