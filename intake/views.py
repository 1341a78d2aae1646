def routing_api(request):
    raise NotImplementedError  # replaced by the routing work
