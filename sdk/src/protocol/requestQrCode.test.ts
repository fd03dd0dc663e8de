import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { requestLink } from './requestLink.ts';
import { requestQrCode } from './requestQrCode.ts';

const walletUrl = 'http://localhost:5173/';

describe('requestQrCode', () => {
  it('is an SVG of exactly the link', async () => {
    const link = requestLink({ walletUrl, requestUrl: 'http://127.0.0.1:4100/requests/0a1b2c3d4e5f' });
    const svg = await requestQrCode({ link });
    expect(svg).toMatch(/^<svg[^>]+viewBox/);
    const encoded = QRCode.create(link, { errorCorrectionLevel: 'M' });
    // Segments hold bytes or, in numeric and alphanumeric mode, the text itself.
    const data = encoded.segments.map((segment) => (segment as unknown as { data: Uint8Array | string }).data);
    expect(data.map((part) => (typeof part === 'string' ? part : Buffer.from(part).toString('utf8'))).join('')).toBe(
      link,
    );
    const size = encoded.modules.size + 4; // the margin of 2 on each side
    expect(svg).toContain(`viewBox="0 0 ${size} ${size}"`);
  });

  it('refuses a link too long for any QR code', async () => {
    await expect(requestQrCode({ link: `http://localhost/#request=${'A'.repeat(5000)}` })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      field: 'link',
    });
  });
});
