"""Local models: manifest, verification, set-up install and the inference worker."""
