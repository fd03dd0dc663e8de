// Vite for the two DeCDP pages: the wallet (index.html) and the merchant demo (merchant.html).
// Started by scripts/system/startPages.ts with `createServer({ configFile: 'app/vite.config.ts' })`;
// `npx vite build --config app/vite.config.ts` writes app/dist.
import { join } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { decdpAssets } from './decdpAssets.ts';

const appDir = import.meta.dirname;

export default defineConfig({
  root: appDir,
  plugins: [react(), decdpAssets()],
  worker: { format: 'es' },
  optimizeDeps: {
    // The prover worker's dependencies are found late (only when the worker first loads);
    // listing them avoids a dev-server reload in the middle of the first proof.
    include: ['snarkjs', 'circomlibjs', 'ethers', 'zod', 'canonicalize', 'buffer/'],
  },
  build: {
    outDir: join(appDir, 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    // The prover worker carries snarkjs and circomlibjs (~3 MB): big by nature, loaded only by the wallet.
    chunkSizeWarningLimit: 4_000,
    rolldownOptions: {
      input: { wallet: join(appDir, 'index.html'), merchant: join(appDir, 'merchant.html') },
    },
  },
});
