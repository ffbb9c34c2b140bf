# fish completion for envman
