import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

export default defineConfig({
  // Vue renders cw-* as custom elements instead of resolving them as Vue components.
  plugins: [
    vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('cw-') } } }),
  ],
  build: { target: 'es2022' },
});
