import { describe, expect, it } from 'vitest';
import { hmacSha256, verifyHmacSha256 } from './webhooks';

describe('webhook HMAC verification', () => {
  const body = Buffer.from('{"id":820982911946154508,"total":"10.00"}');

  it('accepts the signature of the exact bytes, in base64 or hex with a prefix', () => {
    expect(
      verifyHmacSha256({
        secret: 's3',
        body,
        signature: hmacSha256('s3', body, 'base64'),
        encoding: 'base64',
      }),
    ).toEqual({ valid: true });
    const hex = `sha256=${hmacSha256('s3', body, 'hex')}`;
    expect(
      verifyHmacSha256({ secret: 's3', body, signature: hex, encoding: 'hex', prefix: 'sha256=' }),
    ).toEqual({
      valid: true,
    });
  });

  it('refuses a missing signature, a wrong secret, a changed body and a truncated signature', () => {
    const good = hmacSha256('s3', body, 'base64');
    const check = (signature: string | undefined, b = body, secret = 's3') =>
      verifyHmacSha256({ secret, body: b, signature, encoding: 'base64' });
    expect(check(undefined)).toEqual({ valid: false, reason: 'missing-signature' });
    expect(check(good, body, 'other')).toEqual({ valid: false, reason: 'bad-signature' });
    expect(check(good, Buffer.from(body.toString().replace('10.00', '1000.00')))).toEqual({
      valid: false,
      reason: 'bad-signature',
    });
    expect(check(good.slice(0, 10))).toEqual({ valid: false, reason: 'bad-signature' });
  });
});
