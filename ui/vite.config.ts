import { defineConfig } from 'vitest/config';

// Tauri serves the built files from ui/dist; `tauri dev` expects the dev server on a fixed port.
export default defineConfig({
  clearScreen: false,
  server: {
    port: 1420,
    strictPort: true,
    watch: { ignored: ['**/src-tauri/**'] },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // WebKitGTK / WKWebView (Safari 15+) and WebView2 (Chromium) all run ES2021.
    target: ['es2021', 'safari15', 'chrome105'],
    // The polyfill would be extra script; every supported webview has modulepreload or ignores it safely.
    modulePreload: { polyfill: false },
    sourcemap: false,
  },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.test.ts'],
  },
});
