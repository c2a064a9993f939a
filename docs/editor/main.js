// Monaco (the editor component VS Code is built on) with monaco-yaml (yaml-language-server,
// the language server of VS Code's YAML extension): shows what board staff see while typing.
import * as monaco from "monaco-editor/esm/vs/editor/editor.api.js";
import "monaco-editor/esm/vs/editor/editor.all.js";
import "monaco-editor/esm/vs/basic-languages/yaml/yaml.contribution.js";
import { configureMonacoYaml } from "monaco-yaml";

window.MonacoEnvironment = {
  getWorker(_id, label) {
    return new Worker(label === "yaml" ? "yaml.worker.js" : "editor.worker.js");
  },
};

// Only the file's own `# yaml-language-server: $schema=...` line tells the editor its schema.
configureMonacoYaml(monaco, { enableSchemaRequest: true, completion: true, hover: true, validate: true });

window.openFile = async (path, text) => {
  const uri = monaco.Uri.parse(`file:///${path}`);
  const model = monaco.editor.createModel(text, "yaml", uri);
  window.editor = monaco.editor.create(document.getElementById("editor"), {
    model,
    fontSize: 15,
    minimap: { enabled: false },
    automaticLayout: true,
    scrollBeyondLastLine: false,
    wordBasedSuggestions: "off", // only what the schema offers
    fixedOverflowWidgets: true,
    stickyScroll: { enabled: false },
  });
  window.monaco = monaco;
};
