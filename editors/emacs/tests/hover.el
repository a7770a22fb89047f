;;; hover.el --- Headless test of the eglot setup against notes-lsp  -*- lexical-binding: t; -*-

;; NOTES_LSP_BIN=/path/to/notes-lsp emacs --batch -q --no-site-file -l editors/emacs/tests/hover.el
;;
;; Loads editors/emacs/notes-lsp.el as a user's init.el would, with NOTES_LSP_BIN reachable as
;; `notes-lsp' on `exec-path'. Copies editors/fixtures/vault to a temporary folder (outside any
;; repository, so its own folder is the project), opens threads.md in markdown-mode, lets
;; `eglot-ensure' start the server, then asks for the hover on "GIL" the way eldoc does and
;; expects the answer gil.md holds. Exits non-zero when a check fails; the last line is
;; "emacs: N passed, N failed".

;;; Code:

(require 'cl-lib)
(require 'package)

(defvar notes-test-passed 0 "Checks that passed.")
(defvar notes-test-failed 0 "Checks that failed.")

(defun notes-test-out (line)
  "Print LINE to standard output."
  (princ (concat line "\n")))

(defun notes-test-check (name fn)
  "Run FN as the check NAME, printing ok or not ok; return whether it passed."
  (condition-case err
      (progn
        (funcall fn)
        (cl-incf notes-test-passed)
        (notes-test-out (concat "ok - " name))
        t)
    (error
     (cl-incf notes-test-failed)
     (notes-test-out (concat "not ok - " name))
     (notes-test-out (concat "  " (error-message-string err)))
     nil)))

(defun notes-test-wait (seconds predicate)
  "Process events until PREDICATE holds or SECONDS pass; return PREDICATE's last value."
  (let ((deadline (+ (float-time) seconds))
        value)
    (while (and (not (setq value (funcall predicate)))
                (< (float-time) deadline))
      (accept-process-output nil 0.05))
    value))

(let* ((here (file-name-directory (or load-file-name buffer-file-name)))
       (emacs-dir (file-name-directory (directory-file-name here)))
       (repo-root (expand-file-name "../.." emacs-dir))
       (bin (expand-file-name (or (getenv "NOTES_LSP_BIN") "target/debug/notes-lsp") repo-root))
       (scratch (make-temp-file "notes-lsp-emacs-" t))
       (bin-dir (expand-file-name "bin" scratch))
       (vault (expand-file-name "vault" scratch))
       buffer server)
  (notes-test-out (format "# Emacs %s" emacs-version))
  (notes-test-check
   "the eglot setup loads (eglot, markdown-mode, editors/emacs/notes-lsp.el)"
   (lambda ()
     (unless (file-executable-p bin)
       (error "notes-lsp binary not found or not executable: %s" bin))
     ;; The user's snippet names `notes-lsp'; here it is the binary under test.
     (make-directory bin-dir t)
     (make-symbolic-link bin (expand-file-name "notes-lsp" bin-dir))
     (push bin-dir exec-path)
     ;; Emacs 29+ has eglot built in; older ones get it from a package (Debian's elpa-eglot).
     (package-activate-all)
     (require 'eglot)
     (require 'markdown-mode)
     (load (expand-file-name "notes-lsp.el" emacs-dir) nil t)
     (notes-test-out (format "# eglot from %s" (locate-library "eglot")))))
  (notes-test-check
   "opening a note in markdown-mode starts notes-lsp"
   (lambda ()
     (copy-directory (expand-file-name "fixtures/vault" (expand-file-name ".." emacs-dir))
                     vault nil t t)
     (setq buffer (find-file (expand-file-name "threads.md" vault)))
     (unless (derived-mode-p 'markdown-mode)
       (error "threads.md opened in %s" major-mode))
     ;; `eglot-ensure' connects after the command that opened the note: run that step of
     ;; the command loop, which batch mode has not.
     (run-hooks 'post-command-hook)
     (unless (notes-test-wait 15 (lambda () (with-current-buffer buffer
                                              (and (bound-and-true-p eglot--managed-mode)
                                                   (eglot-current-server)))))
       (error "eglot did not manage threads.md within 15 s"))
     (setq server (with-current-buffer buffer (eglot-current-server)))
     (let ((root (file-name-as-directory (file-truename (project-root (eglot--project server))))))
       (unless (equal root (file-name-as-directory (file-truename vault)))
         (error "project root is %s, expected %s" root vault)))))
  (notes-test-check
   "a hover on GIL shows the answer gil.md holds"
   (lambda ()
     (unless server (error "no server"))
     (let (text)
       (with-current-buffer buffer
         (goto-char (point-min))
         (search-forward "the GIL")
         (backward-char 2)
         ;; What eldoc runs when point rests on a word.
         (eglot-hover-eldoc-function (lambda (info &rest _) (setq text (or info "")))))
       (notes-test-wait 15 (lambda () text))
       (unless (and text (string-match-p "mutex in CPython" text))
         (error "hover text was: %S" text))
       (unless (string-match-p "gil\\.md" text)
         (error "hover does not name gil.md: %S" text)))))
  (when server
    (ignore-errors (eglot-shutdown server)))
  (delete-directory scratch t)
  (notes-test-out (format "emacs: %d passed, %d failed" notes-test-passed notes-test-failed))
  (kill-emacs (if (zerop notes-test-failed) 0 1)))

;;; hover.el ends here
