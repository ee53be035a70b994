#!/bin/sh
# Installs Debian's Chromium (/usr/bin/chromium) when it is missing: the web app's
# browser tests and bench drive it with playwright-core, which never downloads a browser.
# Also a CJK font, so 简体中文 screenshots show characters rather than boxes: WenQuanYi
# Micro Hei (1.6 MB download, 5 MB installed) instead of fonts-noto-cjk (57 MB, 91 MB).
set -e
sh "$(dirname "$0")/apt-install.sh" chromium /usr/bin/chromium
# Screenshots without it are still screenshots: a missing font warns, it does not fail the tests.
sh "$(dirname "$0")/apt-install.sh" fonts-wqy-microhei /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ||
  echo "fonts-wqy-microhei is missing: Chinese text in screenshots renders as boxes" >&2
