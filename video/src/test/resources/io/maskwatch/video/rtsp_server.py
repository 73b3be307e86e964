#!/usr/bin/python3
"""A real RTSP server for the stream test: serves an mp4 (MPEG-4 Part 2 video) at rtsp://127.0.0.1:PORT/live.

GStreamer's RTSP server from Debian's python3-gi, gir1.2-gst-rtsp-server-1.0, gstreamer1.0-plugins-good/-bad.
Each client gets the video from its start. Usage: rtsp_server.py PORT VIDEO
"""
import sys

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtspServer  # noqa: E402

port, video = sys.argv[1], sys.argv[2]
Gst.init(None)
server = GstRtspServer.RTSPServer()
server.set_address("127.0.0.1")
server.set_service(port)
factory = GstRtspServer.RTSPMediaFactory()
factory.set_launch(f"( filesrc location={video} ! qtdemux ! mpeg4videoparse ! rtpmp4vpay name=pay0 pt=96 )")
factory.set_shared(False)
server.get_mount_points().add_factory("/live", factory)
if server.attach(None) == 0:
    sys.exit(f"cannot listen on 127.0.0.1:{port}")
print(f"serving {video} at rtsp://127.0.0.1:{port}/live", flush=True)
GLib.MainLoop().run()
