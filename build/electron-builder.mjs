// electron-builder configuration for `npm run dist` (see build/dist.mjs): Windows NSIS installer,
// Linux AppImage and .deb, macOS dmg. Validated against electron-builder's schema by
// tests/build/electron-builder-config.test.ts, since the installers cannot be built in CI (no
// Electron download there).
/**
 * The access report's fonts (db/access-report-fonts.ts) come in npm packages holding every weight
 * and subset; the app ships the one file of each it draws with (15.5 MB of 94 MB; DejaVu itself drops from 12 MB to 1.5 MB).
 * tests/build/electron-builder-config.test.ts checks every font the report opens is still packed.
 */
export const UNUSED_FONT_FILES = [
  "!node_modules/dejavu-fonts-ttf/ttf/DejaVu{Serif,SansMono,SansCondensed,SerifCondensed,MathTeXGyre}*",
  "!node_modules/dejavu-fonts-ttf/ttf/DejaVuSans-{BoldOblique,Oblique,ExtraLight}.ttf",
  "!node_modules/dejavu-fonts-ttf/{status,unicover,langcover}.txt",
  "!node_modules/@embedpdf/fonts-*/fonts/*-{Black,Bold,DemiLight,Light,Medium,Thin}.{otf,ttf}",
  "!node_modules/@expo-google-fonts/noto-emoji/{300Light,500Medium,600SemiBold,700Bold}/**",
  "!node_modules/@expo-google-fonts/noto-emoji/**/*.png",
  "!node_modules/@fontsource/*/files/*.woff2",
  "!node_modules/@fontsource/*/files/*-{latin,cyrillic,greek,vietnamese,math,symbols}*",
  "!node_modules/@fontsource/*/files/*-{100,200,300,500,600,700,800,900}-*",
  "!node_modules/@fontsource/*/files/*-italic.*",
];

/** @type {import("app-builder-lib").Configuration} */
const config = {
  appId: "ch.jetinfo.crm",
  productName: "Jet Info CRM",
  copyright: "© 2026 Jet Info Sàrl, Genève",
  directories: { output: "release", buildResources: "build" },

  // The app is what `npm run build` writes to dist/: the bundled main process and preload, the
  // renderer, and the migrations (inside app.asar, see electron/migrations-path.ts). The browser
  // mode's server is not shipped, nor the team server's (run from a checkout: npm run server):
  // the installed app is the desktop one. Production node_modules are added by electron-builder
  // (better-sqlite3 is the one the bundle requires).
  files: ["dist/**/*", "!dist/web.cjs", "!dist/web.cjs.map", "!dist/server.cjs", "!dist/server.cjs.map", "package.json", ...UNUSED_FONT_FILES],
  asar: true,
  // A native module cannot be loaded from inside the archive; Electron redirects require() of it
  // to app.asar.unpacked. pdfkit, exceljs and the DejaVu fonts are read with fs, which Electron
  // serves from inside app.asar: they stay packed (and covered by the ASAR integrity check).
  asarUnpack: ["node_modules/better-sqlite3/**"],
  // better-sqlite3 is rebuilt for Electron's ABI (node_modules keeps the Node build for the tests;
  // build/dist.mjs puts it back afterwards).
  npmRebuild: true,
  // Chromium's own texts (context menus, dialogs) in the languages of Switzerland and English.
  electronLanguages: ["fr", "de", "it", "en-US", "en-GB"],

  // The phone system opens jetinfo-crm://call?from=%2B41… (electron/cti.ts). macOS: Info.plist;
  // Linux: MimeType x-scheme-handler/jetinfo-crm in the .desktop file; Windows: the app registers
  // itself for the user at start (app.setAsDefaultProtocolClient).
  protocols: [{ name: "Jet Info CRM call", schemes: ["jetinfo-crm"] }],

  // Electron fuses (RunAsNode off, NODE_OPTIONS off, --inspect off, …), before signing.
  afterPack: "build/after-pack.mjs",

  win: {
    target: [{ target: "nsis", arch: ["x64"] }],
    icon: "build/icons/icon.ico",
  },
  nsis: {
    oneClick: false,
    // IT installs once for every account of a call-centre PC (Program Files, needs admin).
    perMachine: true,
    allowToChangeInstallationDirectory: true,
    createDesktopShortcut: true,
    createStartMenuShortcut: true,
    shortcutName: "Jet Info CRM",
    // Never: the database and its backups are in the user-data folder.
    deleteAppDataOnUninstall: false,
    installerLanguages: ["fr_FR", "en_US"],
    multiLanguageInstaller: true,
    artifactName: "jetinfo-crm-${version}-setup-${arch}.${ext}",
  },

  linux: {
    target: [
      { target: "AppImage", arch: ["x64"] },
      { target: "deb", arch: ["x64"] },
    ],
    executableName: "jetinfo-crm",
    icon: "build/icons/png",
    category: "Office",
    synopsis: "Jet Info call-centre CRM",
    description: "The desktop CRM of the Jet Info Sàrl call centre: callers, error reports, training requests and data-protection requests.",
    maintainer: "Jet Info Sàrl <info@jetinfo.ch>",
    vendor: "Jet Info Sàrl",
    artifactName: "jetinfo-crm-${version}-${arch}.${ext}",
  },
  deb: {
    packageName: "jetinfo-crm",
    priority: "optional",
  },

  mac: {
    // One dmg per architecture: a universal build would have to merge two native better-sqlite3 builds.
    target: [{ target: "dmg", arch: ["x64", "arm64"] }],
    icon: "build/icons/icon.icns",
    category: "public.app-category.business",
    hardenedRuntime: true,
    darkModeSupport: false,
    artifactName: "jetinfo-crm-${version}-${arch}.${ext}",
  },
  dmg: {
    title: "Jet Info CRM ${version}",
  },
};

export default config;
