/** Built by src/build/lab-declarations-plugin.ts: the URL of the JSON file (path under `file:///` → declaration text). */
declare module 'virtual:lab-declarations' {
  const url: string;
  export default url;
}
