// esbuild's `binary` loader: these imports are the file's bytes.
declare module '*.jpg' {
  const bytes: Uint8Array;
  export { bytes as default };
}
declare module '*.wasm' {
  const bytes: Uint8Array;
  export { bytes as default };
}
