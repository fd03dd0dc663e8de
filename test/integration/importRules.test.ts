// The import rules of biome.json (noRestrictedImports), run by `npm test`'s lint step, tried on
// real files with the repo's own Biome: app, bench, scripts, test and examples reach the SDK only
// through its public @decdp/sdk subpaths; scripts never import from app/; a role never imports
// another role, nor the testing entry, outside its tests.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const RESTRICTED = 'lint/style/noRestrictedImports';

/** Writes each probe file, lints them together, deletes them; the import-rule errors of each. */
function lint(probes: Record<string, string>): Record<string, string[]> {
  const tag = `importRuleProbe${process.pid}`;
  const paths = Object.keys(probes).map((path) => path.replace('PROBE', tag));
  try {
    Object.values(probes).forEach((text, index) => {
      const file = join(root, paths[index] as string);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, `${text}\n\nconsole.log(x);\n`);
    });
    const result = spawnSync(join(root, 'node_modules', '.bin', 'biome'), ['lint', '--reporter=json', ...paths], {
      cwd: root,
      encoding: 'utf8',
    });
    const report = JSON.parse(result.stdout) as {
      diagnostics: { category: string; location: { path: string } }[];
    };
    return Object.fromEntries(
      Object.keys(probes).map((path, index) => [
        path,
        report.diagnostics
          .filter((diagnostic) => diagnostic.location.path === paths[index] && diagnostic.category === RESTRICTED)
          .map((diagnostic) => diagnostic.category),
      ]),
    );
  } finally {
    for (const path of paths) rmSync(join(root, path), { force: true });
  }
}

describe('import rules', () => {
  it('refuses sdk/src internals outside the SDK and accepts the public subpaths', () => {
    expect(
      lint({
        'bench/PROBE_internal.ts': "import { createRequest as x } from '../sdk/src/merchant/createRequest.ts';",
        'test/integration/PROBE_index.ts': "import { createRequest as x } from '../../sdk/src/merchant/index.ts';",
        'examples/PROBE_type.ts': "import type { LightRecord as x } from '../sdk/src/store/merchantStore.ts';",
        'app/src/PROBE_app.ts': "import { makeHolder as x } from '../../sdk/src/testing/demo.ts';",
        'bench/PROBE_public.ts': "import { createRequest as x } from '@decdp/sdk/merchant';",
      }),
    ).toEqual({
      'bench/PROBE_internal.ts': [RESTRICTED],
      'test/integration/PROBE_index.ts': [RESTRICTED],
      'examples/PROBE_type.ts': [RESTRICTED],
      'app/src/PROBE_app.ts': [RESTRICTED],
      'bench/PROBE_public.ts': [],
    });
  });

  it('refuses scripts that import from app/', () => {
    expect(
      lint({
        'scripts/system/PROBE_app.ts': "import type { AppConfig as x } from '../../app/src/shared/config.ts';",
        'scripts/system/PROBE_sdk.ts': "import type { AppConfig as x } from '@decdp/sdk/protocol';",
      }),
    ).toEqual({ 'scripts/system/PROBE_app.ts': [RESTRICTED], 'scripts/system/PROBE_sdk.ts': [] });
  });

  it('refuses a role importing another role or the testing entry, except in its tests', () => {
    expect(
      lint({
        'sdk/src/merchant/PROBE_wallet.ts': "import { proveRequest as x } from '../wallet/index.ts';",
        'sdk/src/merchant/service/PROBE_wallet.ts': "import { proveRequest as x } from '../../wallet/proveRequest.ts';",
        'sdk/src/collaboration/PROBE_masks.ts': "import { createMask as x } from '../masks/createMask.ts';",
        'sdk/src/wallet/PROBE_testing.ts': "import { makeHolder as x } from '../testing/demo.ts';",
        'sdk/src/wallet/PROBE_below.ts': "import { provePredicate as x } from '../proof/provePredicate.ts';",
        'sdk/src/wallet/PROBE.test.ts': "import { createRequest as x } from '../merchant/index.ts';",
      }),
    ).toEqual({
      'sdk/src/merchant/PROBE_wallet.ts': [RESTRICTED],
      'sdk/src/merchant/service/PROBE_wallet.ts': [RESTRICTED],
      'sdk/src/collaboration/PROBE_masks.ts': [RESTRICTED],
      'sdk/src/wallet/PROBE_testing.ts': [RESTRICTED],
      'sdk/src/wallet/PROBE_below.ts': [],
      'sdk/src/wallet/PROBE.test.ts': [],
    });
  });
});
