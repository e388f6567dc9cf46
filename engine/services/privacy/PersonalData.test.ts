import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { createPlatform } from '../../createPlatform.ts';
import { Keyring, PersonalData, SEALED_PREFIX, loadKeyring, maskIdNumber, maskMobile, maskInText } from './index.ts';

const ID = '510702199001011230';
const MOBILE = '13812345678';

describe('personal data sealing', () => {
  it('seals ID and mobile numbers in JSON for the store and gives them back clear', () => {
    // given
    const p = new PersonalData(Keyring.ephemeral());
    const value = { application: { idNumber: ID, mobile: MOBILE, name: '张伟' }, copies: [`申报人 ${ID}`], personId: ID, n: 3 };
    // when
    const stored = p.toJson(value);
    // then
    expect(stored).not.toContain(ID);
    expect(stored).not.toContain(MOBILE);
    expect(stored).toContain('张伟');
    expect(stored).toContain(SEALED_PREFIX);
    expect(p.fromJson(stored)).toEqual(value);
  });

  it('derives personal fields from a form schema\'s formats, so a partly typed number is sealed too', () => {
    // given
    const p = new PersonalData(Keyring.ephemeral());
    p.addSchema({ type: 'object', properties: { holder: { type: 'object', properties: { cardNo: { type: 'string', format: 'cn-id-card' } } }, tel: { type: 'string', format: 'cn-mobile' } } });
    // when
    const stored = p.toJson({ holder: { cardNo: '5107021990' }, tel: '138123' });
    // then
    expect(stored).not.toContain('5107021990');
    expect(stored).not.toContain('138123');
    expect(p.kindOf('cardNo')).toBe('idNumber');
    expect(p.kindOf('tel')).toBe('mobile');
  });

  it('seals a text that only looks sealed, so what comes back with the prefix is always ours', () => {
    // given
    const p = new PersonalData(Keyring.ephemeral());
    const forged = `${SEALED_PREFIX}deadbeef:AAAA`;
    // when
    const back = p.fromJson<{ note: string }>(p.toJson({ note: forged }));
    // then
    expect(back.note).toBe(forged);
  });

  it('reads values sealed with a previous key after rotation and keeps the look-up hash', () => {
    // given
    const oldKey = randomBytes(32);
    const before = new PersonalData(new Keyring({ current: oldKey }));
    const sealed = before.toJson({ idNumber: ID });
    // when
    const after = new PersonalData(new Keyring({ current: randomBytes(32), previous: [oldKey] }));
    // then
    expect(after.fromJson(sealed)).toEqual({ idNumber: ID });
    expect(after.lookupKey(ID)).toBe(before.lookupKey(ID));
    expect(after.lookupKey(ID)).toMatch(/^[0-9a-f]{64}$/);
    expect(new PersonalData(Keyring.ephemeral()).lookupKey(ID)).not.toBe(before.lookupKey(ID));
  });

  it('refuses a value sealed with an unknown key or altered, instead of handing back ciphertext', () => {
    // given
    const sealed = new PersonalData(Keyring.ephemeral()).toJson({ idNumber: ID });
    const other = new PersonalData(Keyring.ephemeral());
    // then
    expect(() => other.fromJson(sealed)).toThrow(/cannot decrypt/);
    const own = new PersonalData(Keyring.ephemeral());
    const text = own.encrypt(ID);
    expect(() => own.decrypt(`${text.slice(0, -2)}${text.endsWith('AA') ? 'BB' : 'AA'}`)).toThrow(/cannot decrypt/);
  });

  it('masks the first 4 and last 4 of an ID number and a mobile as 138****5678, also inside texts', () => {
    // given
    const p = new PersonalData(Keyring.ephemeral());
    // then
    expect(maskIdNumber('51070219900101123X')).toBe('5107**********123X');
    expect(maskMobile(MOBILE)).toBe('138****5678');
    expect(maskInText(`证卡登记在 ${ID} 名下,电话 ${MOBILE}`)).toBe('证卡登记在 5107**********1230 名下,电话 138****5678');
    expect(p.mask({ idNumber: '5107', nested: [{ mobile: MOBILE }], name: '张伟' })).toEqual({ idNumber: '****', nested: [{ mobile: '138****5678' }], name: '张伟' });
  });
});

describe('data keys from configuration', () => {
  const dir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'keys-'));

  it('generates a key once into DATA_DIR with mode 0600 on the embedded default, and says so', () => {
    // given
    const dataDir = dir();
    const logs: string[] = [];
    const config = { databaseUrl: `sqlite:${path.join(dataDir, 'p.sqlite')}`, dataDir, dataKeys: { previous: [] } };
    // when
    const first = loadKeyring(config, (m) => logs.push(m));
    const second = loadKeyring(config, (m) => logs.push(m));
    // then
    const file = path.join(dataDir, 'data-key');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toContain(file);
    expect(second.keyId).toBe(first.keyId);
    expect(second.decrypt(first.encrypt(ID))).toBe(ID);
  });

  it('refuses to start on MySQL without DATA_KEY, and takes a configured key', () => {
    // given
    const base = { databaseUrl: 'mysql://root@127.0.0.1:3306/prod', dataDir: dir() };
    // then
    expect(() => loadKeyring({ ...base, dataKeys: { previous: [] } })).toThrow(/DATA_KEY is not set/);
    expect(() => loadKeyring({ ...base, dataKeys: { current: 'c2hvcnQ=', previous: [] } })).toThrow(/32 bytes/);
    const key = randomBytes(32).toString('base64');
    expect(loadKeyring({ ...base, dataKeys: { current: key, previous: [] } }).keyId).toMatch(/^[0-9a-f]{8}$/);
    expect(fs.readdirSync(base.dataDir)).toEqual([]);
  });

  it('keeps the platform from starting on MySQL without DATA_KEY, before it touches the database', async () => {
    // given
    const config = { ...loadConfig({ DATABASE_URL: 'mysql://root@127.0.0.1:1/unreachable' }), dataDir: dir() };
    // then: the key is the complaint, not the unreachable server
    await expect(createPlatform(config, { log: () => {} })).rejects.toThrow(/DATA_KEY is not set/);
  });
});
