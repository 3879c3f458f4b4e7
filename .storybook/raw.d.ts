/** Vite's `?raw` imports: the file's text, untouched by its CSS pipeline. */
declare module '*?raw' {
  const text: string;
  export default text;
}
