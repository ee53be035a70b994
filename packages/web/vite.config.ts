import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

/** The app is served by the GuixuFlow server at `/`; in `vite dev` the API is proxied to it. */
export default defineConfig({
  plugins: [vue()],
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Read by bench/ to size the initial and the editor chunks.
    manifest: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
    // No inline module-preload polyfill: the CSP allows only the app's own script files.
    modulePreload: { polyfill: false },
  },
  define: {
    __VUE_OPTIONS_API__: 'true',
    __VUE_PROD_DEVTOOLS__: 'false',
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    __INTLIFY_JIT_COMPILATION__: 'true',
    __INTLIFY_DROP_MESSAGE_COMPILER__: 'false',
    __INTLIFY_PROD_DEVTOOLS__: 'false',
  },
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:5680', ws: true },
      '/webhook': 'http://127.0.0.1:5680',
    },
  },
});
