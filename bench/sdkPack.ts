// Package figures: the packed @decdp/sdk's size, what installing it brings into a project, and
// a cold `import('@decdp/sdk/merchant')` there (a fresh Node process each run, the median).
// `npx node bench/sdkPack.ts [runs]` prints them; bench/run.ts calls measureSdkPack. Progress on stderr.
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSdk } from '../sdk/build.ts';
import { log, median, round } from './stats.ts';

export type SdkPackFigures = {
  /** The npm tarball (built code, declarations, circuit artifacts), KiB. */
  sdk_pack_kib: number;
  /** node_modules of a fresh project after `npm install` of the tarball, MiB. */
  sdk_install_mib: number;
  /** Median ms of a cold `await import('@decdp/sdk/merchant')` in a new Node process. */
  sdk_import_ms: number;
};

const IMPORT = "const t = performance.now(); await import('@decdp/sdk/merchant'); console.log(performance.now() - t);";

export async function measureSdkPack(runs = 5): Promise<SdkPackFigures> {
  const work = mkdtempSync(join(tmpdir(), 'decdp-sdk-bench-'));
  try {
    const built = buildSdk({ out: join(work, 'package'), pack: work });
    const tarball = built.tarball as NonNullable<typeof built.tarball>;
    const project = join(work, 'project');
    mkdirSync(project);
    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify({
        name: 'bench-consumer',
        private: true,
        type: 'module',
        dependencies: { '@decdp/sdk': `file:${tarball.file}` },
      }),
    );
    log(`sdk: packed ${round(tarball.bytes / 1024)} KiB; installing into ${project}`);
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], {
      cwd: project,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const installedKib = Number(
      execFileSync('du', ['-sk', join(project, 'node_modules')], { encoding: 'utf8' }).split('\t')[0],
    );
    const times: number[] = [];
    for (let run = 0; run < runs; run++) {
      const stdout = await new Promise<string>((resolve, reject) =>
        execFile(
          process.execPath,
          ['--no-warnings', '--input-type=module', '-e', IMPORT],
          { cwd: project },
          (error, out) => (error ? reject(error) : resolve(out)),
        ),
      );
      times.push(Number(stdout.trim()));
    }
    return {
      sdk_pack_kib: round(tarball.bytes / 1024),
      sdk_install_mib: round(installedKib / 1024),
      sdk_import_ms: round(median(times)),
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  const figures = await measureSdkPack(Number(process.argv[2] ?? 5));
  console.log(JSON.stringify(figures));
}
