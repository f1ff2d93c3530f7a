// Evaluates each case (JSON on stdin: [{"expression", "bindings"}]) with the JavaScript JSONata, the reference
// implementation, and prints one JSON line per case: {"value": ...}, {"undefined": true} or {"error": code}. The
// bindings are $states and the workflow's variables, as Step Functions binds them.
const jsonata = require(process.argv[2]);
let text = '';
process.stdin.on('data', chunk => { text += chunk; });
process.stdin.on('end', async () => {
  for (const c of JSON.parse(text)) {
    let line;
    try {
      const value = await jsonata(c.expression).evaluate(null, c.bindings);
      line = value === undefined ? { undefined: true } : { value: JSON.parse(JSON.stringify(value)) };
    } catch (e) {
      line = { error: e.code || String(e.message) };
    }
    console.log(JSON.stringify(line));
  }
});
