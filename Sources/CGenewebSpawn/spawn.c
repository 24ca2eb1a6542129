#define _GNU_SOURCE
#include <fcntl.h>
#include <spawn.h>
#include <stdlib.h>
#include <unistd.h>
#include "CGenewebSpawn.h"

int geneweb_spawn_add_closefrom(posix_spawn_file_actions_t *actions, int from) {
    return posix_spawn_file_actions_addclosefrom_np(actions, from);
}

int geneweb_spawn_add_chdir(posix_spawn_file_actions_t *actions, const char *path) {
    return posix_spawn_file_actions_addchdir_np(actions, path);
}

int geneweb_pipe_cloexec(int fds[2]) {
    return pipe2(fds, O_CLOEXEC);
}

int geneweb_mkstemp_cloexec(char *path) {
    return mkostemp(path, O_CLOEXEC);
}
