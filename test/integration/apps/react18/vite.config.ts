import { defineConfig } from 'vite';

// Top-level await in main.tsx waits for the mock worker before the first render.
export default defineConfig({ build: { target: 'es2022' } });
