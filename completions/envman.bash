# bash completion for envman (placeholder)
