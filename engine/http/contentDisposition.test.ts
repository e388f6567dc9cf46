import { describe, expect, it } from 'vitest';
import { attachmentDisposition } from './contentDisposition.ts';

describe('attachmentDisposition', () => {
  it('always downloads, with a quoted ASCII fallback and the UTF-8 name', () => {
    // given / when
    const h = attachmentDisposition('学历证书"\r\n.pdf');
    // then
    expect(h).toBe(`attachment; filename="_____.pdf"; filename*=UTF-8''${encodeURIComponent('学历证书".pdf')}`);
    expect(h).not.toMatch(/[\r\n]/);
  });
});
