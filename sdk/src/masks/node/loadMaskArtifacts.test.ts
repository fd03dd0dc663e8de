import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMaskArtifacts } from './loadMaskArtifacts.ts';

const packageDirectory = dirname(createRequire(import.meta.url).resolve('@zk-kit/semaphore-artifacts/package.json'));

describe('loadMaskArtifacts', () => {
  it('loads depth 20 from the npm package, checked', async () => {
    const artifacts = await loadMaskArtifacts();
    expect(artifacts.wasm.byteLength).toBeGreaterThan(1_000_000);
    expect(artifacts.zkey.byteLength).toBeGreaterThan(1_000_000);
  });

  it('refuses a zkey that differs by one byte', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'decdp-mask-artifacts-'));
    try {
      await copyFile(join(packageDirectory, 'semaphore-20.wasm'), join(directory, 'semaphore-20.wasm'));
      const zkey = await readFile(join(packageDirectory, 'semaphore-20.zkey'));
      zkey[zkey.length - 1] = (zkey[zkey.length - 1] as number) ^ 1;
      await writeFile(join(directory, 'semaphore-20.zkey'), zkey);
      await expect(loadMaskArtifacts({ directory })).rejects.toMatchObject({ code: 'ARTIFACT_CHECKSUM_MISMATCH' });
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});
