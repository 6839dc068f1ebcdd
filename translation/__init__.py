"""Translation workflow for partners: translator groups, permissions, status matrix, safe sync."""
