// Pagefind's own search (pagefind.js and its wasm) run by Node against a portal served
// over HTTP, as a browser runs it: node cari.mjs <pagefind.js> <bundle URL> <term> [filters]
const [, , file, bundle, term, filters] = process.argv;
const pagefind = await import(file);
await pagefind.options({ basePath: bundle, baseUrl: "/" });
const found = await pagefind.search(term, filters ? { filters: JSON.parse(filters) } : {});
const data = await Promise.all(found.results.slice(0, 10).map((r) => r.data()));
console.log(JSON.stringify({
  count: found.results.length,
  results: data.map((d) => ({ url: d.url, title: d.meta.title, kantor: d.meta.kantor })),
  filters: await pagefind.filters(),
}));
