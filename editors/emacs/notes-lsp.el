;;; notes-lsp.el --- notes-lsp for markdown notes through eglot  -*- lexical-binding: t; -*-

;; Copy these lines into your init.el, or load this file from it:
;;   (load "~/src/notes-lsp/editors/emacs/notes-lsp.el")
;; Eglot is built into Emacs 29 and later; on Emacs 26-28 install it first
;; (M-x package-install RET eglot RET, or Debian's elpa-eglot). Markdown buffers come from
;; markdown-mode (MELPA, or Debian's elpa-markdown-mode).

;;; Code:

(with-eval-after-load 'eglot
  ;; Ahead of any other markdown server in the list (recent eglot lists marksman).
  (add-to-list 'eglot-server-programs
               '((markdown-mode gfm-mode) . ("notes-lsp" "--stdio"
                                             :initializationOptions (:placeholders ["f"])))))

;; Start notes-lsp whenever a markdown note is opened.
(add-hook 'markdown-mode-hook #'eglot-ensure)
(add-hook 'gfm-mode-hook #'eglot-ensure)

;;; notes-lsp.el ends here
