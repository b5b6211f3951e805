/**
 * The app's version (package.json), written into the bundle by Vite at build time (vite.config.ts
 * `define`): the renderer tells the server which build it is (`X-Client-Version`).
 */
declare const __APP_VERSION__: string;
