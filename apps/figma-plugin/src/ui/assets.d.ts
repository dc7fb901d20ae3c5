// esbuild's `binary` loader: these imports are the file's bytes.
declare module '*.jpg' {
  const bytes: Uint8Array;
  export { bytes as default };
}
/** build.ts inlines `.wasm` files gzipped: these bytes are to be inflated (inline-wasm.ts). */
declare module '*.wasm' {
  const bytes: Uint8Array;
  export { bytes as default };
}
