import { Hono } from 'hono';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { answerErrorsAsJson, readJsonText } from './jsonEdge.ts';
import { limitBodySize } from './limitBodySize.ts';
import { serveHttp } from './serveHttp.ts';

// Through a real Node server: the fast path only exists with @hono/node-server's requests.
async function withServer(run: (url: string) => Promise<void>): Promise<void> {
  const app = new Hono();
  app.use('*', limitBodySize(16));
  answerErrorsAsJson(app, { log: pino({ level: 'silent' }), notFoundHint: '' });
  app.post('/echo', async (c) => c.text(await readJsonText(c)));
  app.get('/echo', (c) => c.text('get'));
  const server = await serveHttp({ app });
  try {
    await run(`${server.url}echo`);
  } finally {
    await server.close();
  }
}

const post = (url: string, body: BodyInit, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', ...headers },
    duplex: 'half',
  } as RequestInit);

function streamOf(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  return new ReadableStream({
    start(controller) {
      for (let i = 0; i < bytes.length; i += 4) controller.enqueue(bytes.slice(i, i + 4));
      controller.close();
    },
  });
}

describe('limitBodySize', () => {
  it('passes a body within the limit and refuses a longer one by its Content-Length', async () => {
    await withServer(async (url) => {
      const ok = await post(url, '{"a":1}');
      expect(ok.status).toBe(200);
      expect(await ok.text()).toBe('{"a":1}');
      const big = await post(url, JSON.stringify({ a: 'x'.repeat(32) }));
      expect(big.status).toBe(413);
      expect((await big.json()).error.code).toBe('PAYLOAD_TOO_LARGE');
    });
  });

  it('counts a streamed body without Content-Length as it arrives', async () => {
    await withServer(async (url) => {
      const ok = await post(url, streamOf('{"a":1}'));
      expect(ok.status).toBe(200);
      expect(await ok.text()).toBe('{"a":1}');
      const big = await post(url, streamOf(JSON.stringify({ a: 'x'.repeat(32) })));
      expect(big.status).toBe(413);
    });
  });

  it('leaves GET alone', async () => {
    await withServer(async (url) => {
      expect(await (await fetch(url)).text()).toBe('get');
    });
  });
});
