// The operator dashboard. `vite build web` writes dist/web (relative paths resolve from this folder), which the API
// serves (src/api/dashboard); `vite web` serves it for development and proxies /api to a running
// `gridminer serve` on 127.0.0.1:8080.
import { defineConfig } from "vite";

export default defineConfig({
  base: "/",
  publicDir: "public",
  build: {
    outDir: "../dist/web",
    emptyOutDir: true,
    target: "es2022",
    sourcemap: true,
  },
  server: {
    host: "127.0.0.1",
    proxy: { "/api": { target: "http://127.0.0.1:8080" } },
  },
});
