//! A hostile workspace, through `notes-lsp check` and the real server over stdio: the server
//! writes only in its own cache folder, reads nothing outside the workspace (nor says more of
//! such a file than "not found"), follows symlinks only within the workspace, skips dependency
//! folders, tells unreadable files from missing ones, and finishes on whatever files it meets.
//! Every run is bounded in time; the user's cache directory is a folder of the test's own.
#![cfg(unix)]

mod common;

use common::read_message;
use serde_json::{json, Value};
use std::fs;
use std::io::{BufReader, Read, Write};
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The longest any one run may take: a safety bound, far above what a run needs.
const BOUND: Duration = Duration::from_secs(60);

fn write(path: &Path, text: impl AsRef<[u8]>) {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

/// Every file under `dir` with its bytes, to compare before and after.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push((path.clone(), fs::read(&path).unwrap()));
            }
        }
    }
    files.sort();
    files
}

/// A finished `check`.
struct Checked {
    stdout: String,
    stderr: String,
    code: Option<i32>,
}

/// The process of `child` waited for within [`BOUND`] (killed, failing the test, beyond it).
fn finish(mut child: Child) -> Checked {
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = out.read_to_string(&mut text);
        text
    });
    let err = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = err.read_to_end(&mut bytes);
        String::from_utf8_lossy(&bytes).into_owned()
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > BOUND {
            let _ = child.kill();
            let _ = child.wait();
            panic!("still running after {BOUND:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Checked {
        stdout: out.join().unwrap(),
        stderr: err.join().unwrap(),
        code: status.code(),
    }
}

/// `notes-lsp check DIR`, with `cache_home` as the user's cache directory.
fn check(dir: &Path, cache_home: &Path) -> Checked {
    let child = Command::new(env!("CARGO_BIN_EXE_notes-lsp"))
        .arg("check")
        .arg(dir)
        .env("XDG_CACHE_HOME", cache_home)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let checked = finish(child);
    assert!(
        matches!(checked.code, Some(0 | 1)) && !checked.stderr.contains("panicked"),
        "check failed: {:?}\n{}",
        checked.code,
        checked.stderr
    );
    checked
}

/// The summary line of a `check`.
fn summary(checked: &Checked) -> &str {
    checked.stdout.lines().last().unwrap_or_default()
}

/// The `file:` URI of a path.
fn uri(path: &Path) -> String {
    notes_lsp::file_url::file_url(path, None)
}

/// The real server over stdio; it is answered `null` to any request of its own.
struct Server {
    child: Child,
    stdin: Arc<Mutex<ChildStdin>>,
    messages: mpsc::Receiver<Value>,
    next_id: i64,
}

fn send(stdin: &Mutex<ChildStdin>, message: &Value) {
    let body = message.to_string();
    let mut stdin = stdin.lock().unwrap();
    let _ = write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len());
    let _ = stdin.flush();
}

impl Server {
    /// Starts the server on `root` with these `initializationOptions` and waits for the end of
    /// the first index.
    fn start(root: &Path, options: Value, cache_home: &Path) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_notes-lsp"))
            .arg("--stdio")
            .env("XDG_CACHE_HOME", cache_home)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdin = Arc::new(Mutex::new(child.stdin.take().unwrap()));
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let (tx, messages) = mpsc::channel();
        let answer = stdin.clone();
        std::thread::spawn(move || {
            while let Some(message) = read_message(&mut stdout) {
                if let (Some(id), Some(_)) = (message.get("id"), message.get("method")) {
                    send(
                        &answer,
                        &json!({"jsonrpc": "2.0", "id": id, "result": null}),
                    );
                }
                if tx.send(message).is_err() {
                    break;
                }
            }
        });
        let mut server = Server {
            child,
            stdin,
            messages,
            next_id: 0,
        };
        server.request(
            "initialize",
            json!({"processId": null, "rootUri": uri(root),
                   "capabilities": {"window": {"workDoneProgress": true}},
                   "initializationOptions": options}),
        );
        server.notify("initialized", json!({}));
        server.wait_for(|m| m["method"] == "$/progress" && m["params"]["value"]["kind"] == "end");
        server
    }

    fn notify(&mut self, method: &str, params: Value) {
        let message = json!({"jsonrpc": "2.0", "method": method, "params": params});
        send(&self.stdin, &message);
    }

    /// The next message `accept` takes, within [`BOUND`].
    fn wait_for(&mut self, accept: impl Fn(&Value) -> bool) -> Value {
        let deadline = Instant::now() + BOUND;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let message = self
                .messages
                .recv_timeout(left)
                .unwrap_or_else(|e| panic!("no message within {BOUND:?}: {e}"));
            if accept(&message) {
                return message;
            }
        }
    }

    /// The result of a request (its error as `{"error": …}`).
    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let message = json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params});
        send(&self.stdin, &message);
        let response = self.wait_for(|m| m["id"] == id && m.get("method").is_none());
        match response.get("error") {
            Some(error) => json!({ "error": error }),
            None => response["result"].clone(),
        }
    }

    /// `shutdown`, `exit`, and the process's end within [`BOUND`].
    fn stop(mut self) {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        let started = Instant::now();
        while self.child.try_wait().unwrap().is_none() {
            if started.elapsed() > BOUND {
                let _ = self.child.kill();
                panic!("the server did not exit");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A temporary folder with a vault in `vault/` and the user's cache directory in `cache-home/`.
struct Place {
    dir: tempfile::TempDir,
}

impl Place {
    fn new() -> Place {
        let place = Place {
            dir: tempfile::tempdir().unwrap(),
        };
        fs::create_dir_all(place.vault()).unwrap();
        fs::create_dir_all(place.cache_home()).unwrap();
        place
    }

    fn vault(&self) -> PathBuf {
        self.dir.path().join("vault")
    }

    fn cache_home(&self) -> PathBuf {
        self.dir.path().join("cache-home")
    }

    fn check(&self) -> Checked {
        check(&self.vault(), &self.cache_home())
    }

    fn server(&self, options: Value) -> Server {
        Server::start(&self.vault(), options, &self.cache_home())
    }
}

#[test]
fn a_cache_dir_of_dot_leaves_the_users_files_alone() {
    let place = Place::new();
    let vault = place.vault();
    write(&vault.join("meta.json"), r#"{"mine":1}"#);
    write(&vault.join("notes.bin"), "my own notes.bin");
    write(&vault.join(".notes-lsp.toml"), "cacheDir = \".\"\n");
    write(
        &vault.join("alpha.md"),
        "# Alpha\n\nAlpha is the first letter.\n",
    );
    let mine = |vault: &Path| {
        (
            fs::read_to_string(vault.join("meta.json")).unwrap(),
            fs::read_to_string(vault.join("notes.bin")).unwrap(),
        )
    };
    let before = mine(&vault);

    let checked = place.check();
    assert!(
        summary(&checked).starts_with("1 files"),
        "{}",
        checked.stdout
    );
    assert_eq!(mine(&vault), before);
    let own = vault.join("notes-lsp");
    assert!(own.join("CACHEDIR.TAG").is_file() && own.join("notes.bin").is_file());

    // The server's note cache and search index go to the same folder.
    let mut server = place.server(Value::Null);
    let hits = server.request(
        "workspace/executeCommand",
        json!({"command": "notes.search", "arguments": ["alpha"]}),
    );
    assert!(hits.to_string().contains("alpha.md"), "{hits}");
    server.stop();
    assert_eq!(mine(&vault), before);
    assert!(own.join("search").is_dir());
    // Its own files are not notes, nor other files of the vault: a second check is the same.
    assert_eq!(place.check().stdout, checked.stdout);
}

#[test]
fn a_notes_lsp_folder_the_server_did_not_make_is_left_alone() {
    let place = Place::new();
    let vault = place.vault();
    write(&vault.join(".notes-lsp.toml"), "cacheDir = \".\"\n");
    write(&vault.join("a.md"), "# A\n");
    write(&vault.join("notes-lsp/meta.json"), r#"{"mine":1}"#);
    write(&vault.join("notes-lsp/notes.bin"), "mine");
    let before = snapshot(&vault.join("notes-lsp"));

    let checked = place.check();
    assert!(
        checked.stderr.contains("was not created by notes-lsp"),
        "{}",
        checked.stderr
    );
    let mut server = place.server(Value::Null);
    server.request(
        "workspace/executeCommand",
        json!({"command": "notes.search", "arguments": ["a"]}),
    );
    server.stop();
    assert_eq!(snapshot(&vault.join("notes-lsp")), before);
}

#[test]
fn a_settings_file_cannot_aim_the_cache_out_of_the_workspace() {
    let place = Place::new();
    let top = place.dir.path().join("a");
    let vault = top.join("b/vault");
    let elsewhere = place.dir.path().join("elsewhere");
    fs::create_dir_all(&elsewhere).unwrap();
    write(&vault.join("a.md"), "# A\n");
    let settings = [
        "cacheDir = \"../..\"".to_string(),
        format!("cacheDir = {:?}", elsewhere.display()),
        format!("[notesLsp]\ncacheDir = {:?}", elsewhere.display()),
    ];
    for text in &settings {
        write(&vault.join(".notes-lsp.toml"), text);
        let checked = check(&vault, &place.cache_home());
        assert!(checked.stderr.contains("cacheDir"), "{}", checked.stderr);
        assert!(!top.join("notes-lsp").exists(), "{text}");
        assert_eq!(fs::read_dir(&elsewhere).unwrap().count(), 0, "{text}");
    }
    assert_eq!(
        snapshot(&vault).len(),
        2,
        "nothing written in the vault either"
    );

    // The user's cache directory may hold it, and the user's own editor settings may put it
    // anywhere.
    let in_user_cache = place.cache_home().join("vaults/b");
    write(
        &vault.join(".notes-lsp.toml"),
        format!("cacheDir = {:?}", in_user_cache.display()),
    );
    check(&vault, &place.cache_home());
    assert!(in_user_cache.join("notes-lsp/notes.bin").is_file());
    let server = Server::start(&vault, json!({"cacheDir": elsewhere}), &place.cache_home());
    let written = elsewhere.join("notes-lsp/notes.bin");
    let started = Instant::now();
    while !written.is_file() && started.elapsed() < BOUND {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(written.is_file());
    server.stop();
}

#[test]
fn a_symlink_to_the_filesystem_root_is_not_followed() {
    let place = Place::new();
    let vault = place.vault();
    write(
        &vault.join("a.md"),
        "# A\n\n[everything](root/etc/passwd)\n",
    );
    symlink("/", vault.join("root")).unwrap();
    let checked = place.check();
    assert!(
        summary(&checked).starts_with("1 files"),
        "{}",
        checked.stdout
    );
    assert!(
        checked.stdout.contains("missing-file"),
        "{}",
        checked.stdout
    );
    assert_eq!(
        checked.stderr.matches("outside the workspace").count(),
        1,
        "{}",
        checked.stderr
    );
    // The server's first index ends too.
    place.server(Value::Null).stop();
}

#[test]
fn symlinks_in_a_loop_end() {
    let place = Place::new();
    let vault = place.vault();
    write(&vault.join("deep/er/x.md"), "# X\n");
    symlink(".", vault.join("a")).unwrap();
    symlink("a", vault.join("b")).unwrap();
    symlink("../..", vault.join("deep/er/up")).unwrap();
    symlink("self", vault.join("self")).unwrap();
    let checked = place.check();
    assert!(
        summary(&checked).starts_with("1 files"),
        "{}",
        checked.stdout
    );
    place.server(Value::Null).stop();
}

#[test]
fn a_symlink_within_the_workspace_is_indexed_once() {
    let place = Place::new();
    let vault = place.vault();
    write(&vault.join("real/x.md"), "# X\n\nX is a letter.\n");
    write(&vault.join(".drafts/y.md"), "# Y\n");
    symlink("real", vault.join("alias")).unwrap();
    symlink("real/x.md", vault.join("x-again.md")).unwrap();
    symlink(".drafts", vault.join("drafts")).unwrap();
    write(
        &vault.join("links.md"),
        "[x](alias/x.md) [again](x-again.md) [y](drafts/y.md#y)\n",
    );
    let checked = place.check();
    assert_eq!(
        checked.stdout, "3 files, 2 headings, 3 links, 0 diagnostics\n",
        "real/x.md, drafts/y.md and links.md"
    );
    let mut server = place.server(Value::Null);
    let symbols = server.request("workspace/symbol", json!({"query": "X"}));
    let files: Vec<&str> = symbols
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["name"] == "X")
        .filter_map(|s| s["location"]["uri"].as_str())
        .collect();
    assert_eq!(files, [uri(&vault.join("real/x.md"))]);
    server.stop();
}

#[test]
fn dependency_folders_are_skipped_unless_the_settings_say_so() {
    let place = Place::new();
    let vault = place.vault();
    write(
        &vault.join("a.md"),
        "# A\n\n[readme](node_modules/pkg/README.md)\n",
    );
    write(
        &vault.join("node_modules/pkg/README.md"),
        "# Pkg\n\n[gone](gone.md)\n",
    );
    write(
        &vault.join("target/CACHEDIR.TAG"),
        "Signature: 8a477f597d28d172789f06886806bc55\n",
    );
    write(&vault.join("target/doc/b.md"), "[gone](gone.md)\n");
    let checked = place.check();
    assert_eq!(
        checked.stdout,
        "1 files, 1 headings, 1 links, 0 diagnostics\n"
    );

    write(&vault.join(".notes-lsp.toml"), "skipFolders = []\n");
    let checked = place.check();
    assert!(
        checked
            .stdout
            .contains("node_modules/pkg/README.md:3:8: warning[missing-file]"),
        "{}",
        checked.stdout
    );
    assert!(
        summary(&checked).starts_with("2 files"),
        "a cache stays out"
    );
}

#[test]
fn a_file_that_is_there_but_cannot_be_read_is_not_missing() {
    let place = Place::new();
    let vault = place.vault();
    let outside = place.dir.path().join("outside.md");
    write(&outside, "# Outside\n");
    symlink(&outside, vault.join("out.md")).unwrap();
    write(&vault.join("secret.md"), "# Secret\n");
    fs::set_permissions(
        vault.join("secret.md"),
        std::os::unix::fs::PermissionsExt::from_mode(0o000),
    )
    .unwrap();
    // Permissions do not stop a superuser: then only the symlink is unreadable.
    let permissions_hold = fs::read(vault.join("secret.md")).is_err();
    write(
        &vault.join("a.md"),
        "[out](out.md) [secret](secret.md) [gone](gone.md)\n",
    );
    let checked = place.check();
    let out = "a.md:1:7: warning[unreadable-file]: File cannot be read: out.md (a symbolic link \
               out of the workspace, not followed)";
    assert!(checked.stdout.contains(out), "{}", checked.stdout);
    assert!(checked
        .stdout
        .contains("a.md:1:42: warning[missing-file]: File not found: gone.md"));
    assert_eq!(checked.stderr.matches("out.md").count(), 1, "logged once");
    if permissions_hold {
        let secret = "a.md:1:24: warning[unreadable-file]: File cannot be read: secret.md \
                      (permission denied)";
        assert!(checked.stdout.contains(secret), "{}", checked.stdout);
        assert_eq!(
            checked.stderr.matches("secret.md").count(),
            1,
            "logged once"
        );
    }
    fs::set_permissions(
        vault.join("secret.md"),
        std::os::unix::fs::PermissionsExt::from_mode(0o644),
    )
    .unwrap();
}

#[test]
fn binary_empty_invalid_and_huge_files() {
    let place = Place::new();
    let vault = place.vault();
    write(&vault.join("binary.md"), b"# Bin\n\0\x01\x02\xff");
    write(&vault.join("empty.md"), "");
    write(&vault.join("latin1.md"), b"# Caf\xe9\n\n[gone](gone.md)\n");
    // 100 MB without writing them: a sparse file, passed over by its size alone.
    let huge = fs::File::create(vault.join("huge.md")).unwrap();
    huge.set_len(100 * 1024 * 1024).unwrap();
    write(
        &vault.join("a.md"),
        "[b](binary.md) [e](empty.md) [h](huge.md) [l](latin1.md#caf)\n",
    );
    let checked = place.check();
    assert!(
        summary(&checked).starts_with("3 files"),
        "{}",
        checked.stdout
    );
    // The only diagnostic is the broken link in the Latin-1 note, read with its bad byte
    // replaced.
    assert!(
        checked
            .stdout
            .contains("latin1.md:3:8: warning[missing-file]"),
        "{}",
        checked.stdout
    );
    assert!(summary(&checked).ends_with("1 diagnostics (missing-file: 1)"));
    for said in [
        "binary.md: binary file",
        "huge.md: 104857600 bytes, over the 16777216-byte limit (maxFileSize)",
        "latin1.md: invalid UTF-8 replaced",
    ] {
        assert!(checked.stderr.contains(said), "{said}: {}", checked.stderr);
    }
    place.server(Value::Null).stop();
}

#[test]
fn deep_folders_and_odd_file_names() {
    let place = Place::new();
    let vault = place.vault();
    let deep: PathBuf = std::iter::repeat_n("d", 200).collect();
    write(&vault.join(&deep).join("bottom.md"), "# Bottom\n");
    for name in [
        "with space.md",
        "hash#name.md",
        "pct%20name.md",
        "new\nline.md",
    ] {
        write(&vault.join(name), "# Odd\n");
    }
    let deep_link = format!("{}/bottom.md#bottom", deep.display());
    write(
        &vault.join("a.md"),
        format!(
            "[a](with%20space.md#odd) [b](<with space.md>) [c](hash%23name.md#odd) \
             [d](pct%2520name.md) [e](new%0Aline.md) [f]({deep_link})\n"
        ),
    );
    let checked = place.check();
    assert_eq!(
        checked.stdout,
        "6 files, 5 headings, 6 links, 0 diagnostics\n"
    );
    let mut server = place.server(Value::Null);
    for path in [
        vault.join(&deep).join("bottom.md"),
        vault.join("new\nline.md"),
    ] {
        let symbols = server.request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": uri(&path)}}),
        );
        assert_eq!(symbols.as_array().map(Vec::len), Some(1), "{symbols}");
    }
    server.stop();
}

#[test]
fn files_churned_while_indexing() {
    let place = Place::new();
    let vault = place.vault();
    for i in 0..200 {
        write(
            &vault.join(format!("stable/{i}.md")),
            format!("# Note {i}\n"),
        );
    }
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let churn = {
        let (vault, stop) = (vault.clone(), stop.clone());
        std::thread::spawn(move || {
            let mut round = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                for i in 0..100 {
                    let path = vault.join(format!("churn/{}/{i}.md", round % 3));
                    let _ = fs::create_dir_all(path.parent().unwrap());
                    let _ = fs::write(&path, format!("# Churn {round}\n"));
                }
                let _ = fs::remove_dir_all(vault.join(format!("churn/{}", (round + 1) % 3)));
                round += 1;
            }
        })
    };
    for _ in 0..3 {
        let checked = place.check();
        assert!(summary(&checked).contains(" files, "), "{}", checked.stdout);
    }
    place.server(Value::Null).stop();
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    churn.join().unwrap();
}

/// Links to `/etc/passwd` in every form, as a note may hold them.
fn links_to(file: &str) -> String {
    let up = "../".repeat(12);
    let encoded_up = "%2e%2e/".repeat(12);
    let slashed_up = "..%2f".repeat(12);
    format!(
        "# Links\n\n\
         [a]({up}etc/{file}) [b](/etc/{file}) [c](file:///etc/{file})\n\
         [d]({encoded_up}etc/{file}) [e]({slashed_up}etc%2f{file}) [f](<{up}etc/{file}>)\n\
         [[{up}etc/{file}]] [g][ref] ![h]({up}etc/{file}) [i](....//....//etc/{file})\n\
         [j]({up}etc/{file}#root) [k](..\\..\\..\\..\\..\\..\\etc\\{file})\n\n\
         [ref]: {up}etc/{file}\n"
    )
}

#[test]
fn links_out_of_the_workspace_reveal_nothing() {
    let place = Place::new();
    let vault = place.vault();
    // Read as a note, /etc/passwd would offer its first word.
    let secret = "root";
    assert!(fs::read_to_string("/etc/passwd").is_ok_and(|p| p.contains(secret)));
    let absent = "pXsswd"; // the same length: the same columns
    write(&vault.join("passwd.md"), links_to("passwd"));
    write(&vault.join("absent.md"), links_to(absent));
    let checked = place.check();
    let lines = |file: &str| -> Vec<String> {
        checked
            .stdout
            .lines()
            .filter(|l| l.starts_with(&format!("{}/{file}.md:", vault.display())))
            .map(|l| l.split_once(".md:").unwrap().1.replace(absent, "passwd"))
            .collect()
    };
    assert!(!lines("passwd").is_empty());
    assert_eq!(lines("passwd"), lines("absent"), "{}", checked.stdout);
    assert!(!checked.stdout.contains("root:"));

    // Hovers and definitions say no more of the one that exists.
    let mut server = place.server(Value::Null);
    let mut answers = Vec::new();
    for file in ["passwd", "absent"] {
        let path = vault.join(format!("{file}.md"));
        let text = fs::read_to_string(&path).unwrap();
        let mut answered = Vec::new();
        for (line, text) in text.lines().enumerate() {
            for (character, _) in text.match_indices("etc") {
                let at = json!({"textDocument": {"uri": uri(&path)},
                                "position": {"line": line, "character": character}});
                for method in ["textDocument/hover", "textDocument/definition"] {
                    let answer = server.request(method, at.clone()).to_string();
                    assert!(!answer.contains("root:"), "{answer}");
                    answered.push(answer.replace(absent, "passwd").replace(&uri(&path), ""));
                }
            }
        }
        answers.push(answered);
    }
    assert_eq!(answers[0], answers[1]);

    // Nor does a note that is a symlink to it, even when the editor reports it changed; nor a
    // note outside the workspace the editor reports changed.
    symlink("/etc/passwd", vault.join("linked.md")).unwrap();
    let outside = place.dir.path().join("outside.md");
    write(&outside, "# Secret Heading\n");
    write(&vault.join("fresh.md"), "# Fresh Heading\n");
    let changes = [vault.join("linked.md"), outside, vault.join("fresh.md")]
        .iter()
        .map(|path| json!({"uri": uri(path), "type": 1}))
        .collect::<Vec<_>>();
    server.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": changes }),
    );
    let started = Instant::now();
    loop {
        let fresh = server.request("workspace/symbol", json!({"query": "Fresh Heading"}));
        if fresh.to_string().contains("fresh.md") {
            break;
        }
        assert!(started.elapsed() < BOUND, "the change was never seen");
        std::thread::sleep(Duration::from_millis(20));
    }
    let found = server.request("workspace/symbol", json!({"query": "Secret Heading"}));
    assert!(!found.to_string().contains("Secret"), "{found}");
    let hits = server.request(
        "workspace/executeCommand",
        json!({"command": "notes.search", "arguments": [secret]}),
    );
    assert_eq!(hits, json!([]));
    server.stop();
}

#[test]
fn garbage_settings_files() {
    let place = Place::new();
    let vault = place.vault();
    write(&vault.join("a.md"), "# A\n\n[gone](gone.md)\n");
    let garbage: [&[u8]; 7] = [
        b"\xff\xfe\0garbage\x01",
        b"cacheDir = 3\n",
        b"skipFolders = \"node_modules\"\n",
        b"maxFileSize = -1\n",
        b"[severity]\nmissing-file = \"loud\"\n",
        b"x = [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
        b"[[[notesLsp]]]\n= =\n",
    ];
    for text in garbage {
        write(&vault.join(".notes-lsp.toml"), text);
        let checked = place.check();
        assert!(
            checked.stderr.contains("bad configuration"),
            "{}",
            checked.stderr
        );
        assert!(checked.stdout.contains("missing-file"), "defaults are used");
    }
    let deep = format!("x = {}", "{a=".repeat(100_000));
    write(&vault.join(".notes-lsp.toml"), deep);
    assert!(place.check().stdout.contains("missing-file"));

    let mut server = place.server(Value::Null);
    let hover = server.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri(&vault.join("a.md"))},
               "position": {"line": 0, "character": 2}}),
    );
    assert!(hover.get("error").is_none(), "{hover}");
    server.stop();
}

#[test]
fn the_server_runs_no_program_and_opens_no_connection() {
    let forbidden = [
        "process::Command",
        "Command::new(",
        "std::net",
        "TcpStream",
        "TcpListener",
        "UdpSocket",
        "UnixStream",
    ];
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let files = snapshot(&source);
    assert!(files.len() > 10);
    for (path, text) in files {
        let text = String::from_utf8_lossy(&text);
        for word in forbidden {
            assert!(!text.contains(word), "{} uses {word}", path.display());
        }
    }
}
