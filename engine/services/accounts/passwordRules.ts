import { ValidationError, type ProblemDetail } from '../../errors.ts';

export const MIN_PASSWORD_LENGTH = 8;
// argon2 is slow on purpose; a cap keeps a huge "password" from being a cheap way to burn CPU.
export const MAX_PASSWORD_LENGTH = 256;

/** The problems of a new password, in Chinese (empty when it may be used). */
export function passwordProblems(password: string, username: string, pointer = '/password'): ProblemDetail[] {
  const problems: ProblemDetail[] = [];
  const add = (message: string) => problems.push({ pointer, field: '密码', message });
  if (typeof password !== 'string') {
    add('密码必须是文本');
    return problems;
  }
  if (password.length < MIN_PASSWORD_LENGTH) add(`密码至少 ${MIN_PASSWORD_LENGTH} 位`);
  if (password.length > MAX_PASSWORD_LENGTH) add(`密码不得超过 ${MAX_PASSWORD_LENGTH} 位`);
  const classes = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) add('密码须包含大写字母、小写字母、数字、符号中的至少三类');
  if (username && password.toLowerCase().includes(username.toLowerCase())) add('密码不得包含用户名');
  return problems;
}

export function assertPasswordAllowed(password: string, username: string, pointer?: string): void {
  const problems = passwordProblems(password, username, pointer);
  // The first rule broken is the title; all of them are listed for the form.
  if (problems.length) throw new ValidationError(problems[0]!.message, problems.map((p) => p.message).join(';'), problems);
}
