// Submits one form with the official @formspree/core client and prints the result as JSON.
// Usage: node submit.mjs <endpoint> <formKey> <object|formdata> '<json fields>'
import { createClient } from "@formspree/core";

const [endpoint, formKey, mode, fields] = process.argv.slice(2);
const values = JSON.parse(fields);
let data = values;
if (mode === "formdata") {
  data = new FormData();
  for (const [key, value] of Object.entries(values)) {
    data.append(key, value);
  }
}
const client = createClient();
const result = await client.submitForm(formKey, data, { endpoint });
const out = { kind: result.kind ?? null, next: result.next ?? null };
if (typeof result.getFormErrors === "function") {
  out.formErrors = result.getFormErrors();
  out.fieldErrors = Object.fromEntries(result.getAllFieldErrors());
}
console.log(JSON.stringify(out));
