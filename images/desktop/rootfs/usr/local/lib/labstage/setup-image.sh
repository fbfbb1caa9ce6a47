#!/bin/sh
# Final-layer set-up shared by the online and the offline build.
set -eu

# UTF-8 locales: the POSIX default breaks non-ASCII clipboard text, and our
# first users teach in Korean.
sed -i -e 's/^# *\(en_US.UTF-8 UTF-8\)/\1/' -e 's/^# *\(ko_KR.UTF-8 UTF-8\)/\1/' /etc/locale.gen
locale-gen >/dev/null
update-locale LANG=en_US.UTF-8

# The desktop user. Its home is a volume (Docker) or a PVC (Kubernetes) that
# starts empty; the entrypoint fills an empty home from the seed folder. A
# saved environment replaces the seed with the saver's home, so students
# start from the instructor's files the same way on either runtime.
useradd --create-home --uid 1000 --user-group --shell /bin/bash student
mkdir -p /home/student/Uploads /home/student/Desktop /home/student/Documents
chown -R student:student /home/student
mkdir -p /usr/local/share/labstage
cp -a /home/student /usr/local/share/labstage/home-seed
# Left empty but owned by the user: a new Docker volume takes this ownership.
find /home/student -mindepth 1 -delete

# Where the backend mounts the per-desktop folder (VNC password in, socket out).
mkdir -p /run/labstage && chown student:student /run/labstage
chmod 0755 /usr/local/bin/labstage-desktop /usr/local/bin/labstage-session
