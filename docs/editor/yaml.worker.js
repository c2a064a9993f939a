// The YAML worker, reading file:/// URLs from the local test server: VS Code reads the
// schema named in the file's `$schema=` line from disk; this page has no disk, so the
// server's root stands in for the file system's.
import "monaco-yaml/yaml.worker.js";

const fetchFromServer = self.fetch.bind(self);
self.fetch = (url, ...rest) => fetchFromServer(String(url).replace(/^file:\/\/\//, `${self.location.origin}/`), ...rest);
