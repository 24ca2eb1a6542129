#ifndef CGENEWEBSPAWN_H
#define CGENEWEBSPAWN_H

#include <spawn.h>

/// GNU functions Swift's Glibc module does not show, reached through these wrappers.

/// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34+): the child closes every
/// descriptor from `from` up before it runs the program.
int geneweb_spawn_add_closefrom(posix_spawn_file_actions_t *actions, int from);

/// glibc's `posix_spawn_file_actions_addchdir_np` (2.29+): the child's working directory.
int geneweb_spawn_add_chdir(posix_spawn_file_actions_t *actions, const char *path);

/// `pipe2(fds, O_CLOEXEC)`: a pipe no other child inherits by accident.
int geneweb_pipe_cloexec(int fds[2]);

/// `mkostemp(path, O_CLOEXEC)`: a temporary file no other child inherits by accident.
int geneweb_mkstemp_cloexec(char *path);

#endif
