import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

// The browser app, served by the platform from designer/dist (engine/http/serveApp.ts).
// `npm run dev:web` serves it with hot reload and forwards /api to a platform on port 3000.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // antd alone is ~1 MB minified; the warning would only repeat that.
    chunkSizeWarningLimit: 2000,
    reportCompressedSize: false,
  },
  // The live linter's worker imports the linter's rule chunks dynamically: ES module workers.
  worker: { format: 'es' },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
