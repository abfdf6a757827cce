import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

# Stop here, with the command to run, rather than answer every page with a 500.
from config.static_files import require_collected_static  # noqa: E402

require_collected_static()
