import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../errors.ts';
import { checkDraftPath } from './DraftService.ts';

describe('checkDraftPath (a file path inside a package draft)', () => {
  it.each(['manifest.json', 'process.bpmn', 'forms/application.schema.json', 'scenarios/happy-path.json', 'README.md', 'notes/2026_rev.txt'])('accepts %s', (p) => {
    // given a relative path of plain names with a package file type
    // when it is checked
    // then it is returned as it is
    expect(checkDraftPath(p)).toBe(p);
  });

  it.each([
    ['', '为空'],
    ['../manifest.json', '..'],
    ['forms/../../x.json', '..'],
    ['/etc/passwd.json', '绝对路径'],
    ['C:/x.json', '绝对路径'],
    ['forms\\a.json', '反斜杠'],
    ['./manifest.json', '为 .'],
    ['forms//a.json', '空的'],
    ['forms/', '空的'],
    ['.git/config.json', '隐藏'],
    ['forms/.a.json', '隐藏'],
    ['node_modules/x.json', '不是政策包文件'],
    ['表单.json', '只能由'],
    ['a b.json', '只能由'],
    ['script.js', '类型不受支持'],
    ['manifest', '类型不受支持'],
    [`${'a/'.repeat(130)}x.json`, '255'],
  ])('refuses %j, saying why in Chinese', (p, says) => {
    // given a path that leaves the package, is absolute, hidden, empty or of another kind
    // when it is checked
    let err: unknown;
    try {
      checkDraftPath(p);
    } catch (e) {
      err = e;
    }
    // then a validation error (400) says why
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).title).toBe('文件路径不合法');
    expect((err as ValidationError).detail).toContain(says);
  });
});
