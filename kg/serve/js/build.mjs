// Copies the built files of the npm packages the explorer uses into ../static, which is committed and
// shipped with the Python package, so that the server fetches nothing at run time. Then it removes
// node_modules: the package ships every file under kg/, and a wheel built here would carry it.
import { copyFileSync, mkdirSync, rmSync } from "node:fs";

const files = {
  "node_modules/cytoscape/dist/cytoscape.min.js": "cytoscape.min.js",
  "node_modules/@zazuko/yasgui/build/yasgui.min.js": "yasgui.min.js",
  "node_modules/@zazuko/yasgui/build/yasgui.min.css": "yasgui.min.css",
};
mkdirSync("../static/vendor", { recursive: true });
for (const [from, to] of Object.entries(files)) {
  copyFileSync(from, `../static/vendor/${to}`);
  console.log(`${from} -> kg/serve/static/vendor/${to}`);
}
rmSync("node_modules", { recursive: true, force: true });
