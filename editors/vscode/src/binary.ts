// Finding the notes-lsp executable: the `notesLsp.path` setting, else PATH, else ~/.cargo/bin.
// Pure module (file-system access is injected) so it is unit-tested in plain Node.

import * as path from "node:path";

export const SERVER_NAME = "notes-lsp";

export interface ResolveOptions {
  /** Value of `notesLsp.path` ("" or undefined when unset). */
  configured?: string;
  /** Process environment (PATH, PATHEXT, HOME, USERPROFILE). */
  env: Record<string, string | undefined>;
  platform: NodeJS.Platform;
  homedir: string;
  /** Workspace folder paths; the first one anchors a relative `notesLsp.path`. */
  workspaceFolders: readonly string[];
  /** True when the path is an existing, executable regular file. */
  isExecutable: (file: string) => boolean;
}

export type Resolution =
  | { ok: true; command: string; source: "setting" | "path" | "cargo" }
  | { ok: false; reason: "configured-missing" | "not-found"; tried: string[]; message: string };

function pathApi(platform: NodeJS.Platform): typeof path.posix {
  return platform === "win32" ? path.win32 : path.posix;
}

/** Expands `~`, `${userHome}`, `${workspaceFolder}` and `${env:NAME}` in a configured path. */
export function expandConfiguredPath(value: string, opts: ResolveOptions): string {
  const p = pathApi(opts.platform);
  const folder = opts.workspaceFolders[0];
  let out = value.trim();
  out = out.replace(/\$\{userHome\}/g, opts.homedir);
  out = out.replace(/\$\{env:([^}]+)\}/g, (_, name: string) => opts.env[name] ?? "");
  if (folder !== undefined) out = out.replace(/\$\{workspaceFolder\}/g, folder);
  if (out === "~") out = opts.homedir;
  else if (out.startsWith("~/") || (opts.platform === "win32" && out.startsWith("~\\"))) {
    out = p.join(opts.homedir, out.slice(2));
  }
  if (!p.isAbsolute(out) && folder !== undefined) out = p.resolve(folder, out);
  return out;
}

/** Candidate file names for an executable on this platform. */
export function executableNames(platform: NodeJS.Platform, env: Record<string, string | undefined>): string[] {
  if (platform !== "win32") return [SERVER_NAME];
  const exts = (env.PATHEXT ?? ".EXE;.CMD;.BAT;.COM").split(";").filter((e) => e.length > 0);
  return [...exts.map((ext) => SERVER_NAME + ext.toLowerCase()), SERVER_NAME];
}

function pathEntries(opts: ResolveOptions): string[] {
  const raw = opts.env.PATH ?? opts.env.Path ?? "";
  const sep = opts.platform === "win32" ? ";" : ":";
  return raw
    .split(sep)
    .map((entry) => entry.replace(/^"(.*)"$/, "$1"))
    .filter((entry) => entry.length > 0);
}

/** Resolves the command that starts the server, or explains why it cannot. */
export function resolveServerCommand(opts: ResolveOptions): Resolution {
  const p = pathApi(opts.platform);
  const configured = opts.configured?.trim();
  if (configured) {
    const file = expandConfiguredPath(configured, opts);
    const candidates = [file];
    if (opts.platform === "win32" && !/\.[a-z0-9]+$/i.test(file)) candidates.push(file + ".exe");
    for (const candidate of candidates) {
      if (opts.isExecutable(candidate)) return { ok: true, command: candidate, source: "setting" };
    }
    return {
      ok: false,
      reason: "configured-missing",
      tried: candidates,
      message: `The setting "notesLsp.path" points to ${file}, but no executable file is there. Fix the path or clear the setting to use ${SERVER_NAME} from PATH.`,
    };
  }

  const tried: string[] = [];
  const names = executableNames(opts.platform, opts.env);
  for (const dir of pathEntries(opts)) {
    for (const name of names) {
      const candidate = p.join(dir, name);
      tried.push(candidate);
      if (opts.isExecutable(candidate)) return { ok: true, command: candidate, source: "path" };
    }
  }

  // `cargo install` puts binaries in ~/.cargo/bin (or $CARGO_HOME/bin), which a desktop-launched
  // editor often does not have on its PATH.
  const cargoHome = opts.env.CARGO_HOME || p.join(opts.homedir, ".cargo");
  for (const name of names) {
    const candidate = p.join(cargoHome, "bin", name);
    if (tried.includes(candidate)) continue;
    tried.push(candidate);
    if (opts.isExecutable(candidate)) return { ok: true, command: candidate, source: "cargo" };
  }

  return {
    ok: false,
    reason: "not-found",
    tried,
    message: `Could not find the ${SERVER_NAME} executable on PATH or in ${p.join(cargoHome, "bin")}. Install ${SERVER_NAME} (see the README), or set "notesLsp.path" to the full path of the binary.`,
  };
}
