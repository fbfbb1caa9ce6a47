#!/bin/sh
# Final-layer set-up shared by the online and the offline build.
set -eu

# UTF-8 locales: the POSIX default breaks non-ASCII clipboard text, and our
# first users teach in Korean.
sed -i -e 's/^# *\(en_US.UTF-8 UTF-8\)/\1/' -e 's/^# *\(ko_KR.UTF-8 UTF-8\)/\1/' /etc/locale.gen
locale-gen >/dev/null
update-locale LANG=en_US.UTF-8

# The desktop user. Its home is a named volume per desktop; Docker fills a new
# volume from this directory, so the skeleton below is what a new desktop gets.
useradd --create-home --uid 1000 --user-group --shell /bin/bash student
mkdir -p /home/student/Uploads /home/student/Desktop /home/student/Documents
chown -R student:student /home/student

# Where the backend mounts the per-desktop folder (VNC password in, socket out).
mkdir -p /run/labstage && chown student:student /run/labstage
chmod 0755 /usr/local/bin/labstage-desktop /usr/local/bin/labstage-session
