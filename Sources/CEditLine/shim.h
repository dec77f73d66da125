// Line editing for NNLab's REPL through libedit's readline-compatible calls (Debian's libedit-dev).
// The C variables and callbacks are set here because Swift cannot assign C function pointers to
// libedit's globals directly in a portable way.
#ifndef NNLAB_CEDITLINE_SHIM_H
#define NNLAB_CEDITLINE_SHIM_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <editline/readline.h>

typedef char *(*nn_completion_generator)(const char *text, int state);
typedef void (*nn_completion_start)(const char *line, int start, int end);
typedef int (*nn_key_reader)(FILE *stream);
typedef int (*nn_key_command)(int count, int key);

static nn_completion_generator nn_generator = NULL;
static nn_completion_start nn_start = NULL;

static inline char **nn_attempt_completion(const char *text, int start, int end) {
    rl_attempted_completion_over = 1;  // never fall back to file names outside strings
    if (nn_start != NULL) nn_start(rl_line_buffer, start, end);
    return nn_generator ? rl_completion_matches(text, nn_generator) : NULL;
}

/// Prepares libedit: it catches signals while it reads (so Ctrl-Z, fg and resizing redraw the line)
/// and passes Ctrl-C on to our handler; no space after a completion; the completer; the function
/// that reads each key (it must be set before libedit starts, which `using_history` does).
static inline void nn_editline_setup(nn_completion_start start, nn_completion_generator generator,
                                     nn_key_reader reader) {
    rl_readline_name = "nn";
    rl_getc_function = reader;
    rl_catch_signals = 1;
    nn_start = start;
    nn_generator = generator;
    rl_attempted_completion_function = nn_attempt_completion;
    rl_completion_append_character = '\0';
    rl_completer_word_break_characters = " \t\n\"'`@$><=;|&{(,[+-*/%";
    using_history();
}

/// A line read with editing, or NULL at end of input or on an interrupted read; free() it.
static inline char *nn_editline_read(const char *prompt) { return readline(prompt); }

static inline void nn_editline_add_history(const char *line) { add_history(line); }

/// Binds one key (a byte) to a command; the command runs with `rl_point` and `rl_line_buffer` current.
static inline int nn_editline_bind(const char *name, nn_key_command command, int key) {
    return rl_add_defun(name, command, key);
}

/// A line of libedit's own configuration language (`bind ^_ ed-delete-prev-char`).
static inline int nn_editline_configure(const char *line) { return rl_parse_and_bind(line); }

/// Feeds `key` to libedit `count` times, as if typed, before anything else is read.
static inline void nn_editline_push_key(int key, int count) { rl_insert(count, key); }

/// Draws the prompt and the line again (after the terminal was given to the shell by Ctrl-Z).
static inline void nn_editline_redisplay(void) { rl_forced_update_display(); }

/// The buffer being edited (bytes, with line breaks in a multi-line cell) and the cursor's offset.
static inline const char *nn_editline_buffer(void) { return rl_line_buffer; }
static inline int nn_editline_point(void) { return rl_point; }

#endif
