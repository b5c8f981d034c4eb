"""Keeping meeting material confidential: the data key (keychain or passphrase), the offline guard,
the machine-wide IT policy and process hardening (no core dumps)."""
