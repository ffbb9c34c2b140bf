# envman shell integration (placeholder)
