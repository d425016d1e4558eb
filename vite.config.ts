import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// A relative base: the site is one hash-routed index.html, so it works from
// GitHub Pages' /<repo>/ sub-path (or any other) without knowing the name.
export default defineConfig({
  base: './',
  plugins: [react()],
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true },
});
