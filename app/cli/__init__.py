"""The `moedemappe` command line: the second interface on the core, beside the window (app.ui).

It drives app.core only; the window never imports it and it never imports the window."""
